package io.enclave.cli;

import io.enclave.credentials.importer.BankStatementImporter;
import io.enclave.credentials.importer.CsvImporter;
import io.enclave.credentials.importer.ImportException;
import io.enclave.credentials.importer.ImportLimits;
import io.enclave.credentials.importer.ImportResult;
import io.enclave.credentials.importer.ImportedRecord;
import io.enclave.credentials.importer.JsonImporter;
import io.enclave.credentials.importer.LinkedInExportImporter;
import io.enclave.credentials.schema.Attribute;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.Predicate;
import io.enclave.credentials.schema.PredicateTemplate;
import io.enclave.credentials.schema.SchemaException;
import io.enclave.credentials.schema.SchemaRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code enclave credential ...}: schemas and importers; the flow is in CredentialFlowCommands and CredentialCustodyCommands. */
@Command(name = "credential", mixinStandardHelpOptions = true,
        description = "Credential schemas, importers, attestations, proofs, packages, revocation and deletion.",
        subcommands = {CredentialCommand.Schemas.class, CredentialCommand.Import.class,
            CredentialFlowCommands.SigningKey.class, CredentialFlowCommands.Attest.class, CredentialFlowCommands.Prove.class,
            CredentialCustodyCommands.Package.class, CredentialCustodyCommands.Open.class, CredentialFlowCommands.Verify.class,
            CredentialCustodyCommands.Revoke.class, CredentialCustodyCommands.DeleteMyData.class})
public final class CredentialCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code enclave credential schemas}: the schemas, their attributes and predicates. */
    @Command(name = "schemas", mixinStandardHelpOptions = true, description = "List the credential schemas.")
    static final class Schemas implements Runnable {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            for (CredentialSchema s : SchemaRegistry.builtIn().all()) {
                out.println(s.id() + "  " + s.title());
                for (Attribute a : s.attributes()) {
                    out.println("  " + a.name() + " (" + a.encoding().id() + (a.unit().isEmpty() ? "" : ", " + a.unit())
                            + (a.required() ? ", required" : "") + ")");
                }
                for (PredicateTemplate p : s.predicates()) {
                    out.println("  predicate " + p.id() + ": " + p.label() + " [" + p.attribute() + " " + p.op().symbol() + "]");
                }
            }
            out.flush();
        }
    }

    /** {@code enclave credential import}: checks a file with one of the importers and lists what it holds. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Check a data file with an importer and list its records (values only with --show-values).")
    static final class Import implements Runnable {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--format", required = true, description = "csv, json, linkedin or bank.")
        String format;

        @Option(names = "--type", description = "Credential type for csv and json: education, employment, financial, "
                + "identity or health.")
        String type;

        @Option(names = "--map", description = "attribute=column (csv) or attribute=/json/pointer (json); repeat.")
        Map<String, String> mapping = new LinkedHashMap<>();

        @Option(names = "--records-at", defaultValue = "", description = "json: pointer to the record or array of records.")
        String recordsAt;

        @Option(names = "--date-format", defaultValue = "yyyy-MM-dd", description = "csv and bank: date pattern "
                + "(default: ${DEFAULT-VALUE}).")
        String dateFormat;

        @Option(names = "--currency", defaultValue = "EUR", description = "bank: ISO 4217 code (default: ${DEFAULT-VALUE}).")
        String currency;

        @Option(names = "--show-values", description = "Print the attribute values (personal data) too.")
        boolean showValues;

        @Parameters(index = "0", description = "The file to import.")
        Path file;

        @Override
        public void run() {
            SchemaRegistry schemas = SchemaRegistry.builtIn();
            ImportLimits limits = ImportLimits.DEFAULT;
            try {
                List<ImportResult> results = switch (format) {
                    case "csv" -> List.of(new CsvImporter(schema(schemas), mapping, dateFormat, limits).importFile(file));
                    case "json" -> List.of(new JsonImporter(schema(schemas), recordsAt, mapping, limits).importFile(file));
                    case "linkedin" -> {
                        LinkedInExportImporter.LinkedInImport r = new LinkedInExportImporter(schemas, limits).importZip(file);
                        yield List.of(r.positions(), r.education());
                    }
                    case "bank" -> List.of(new BankStatementImporter(schemas, currency, dateFormat, limits).importFile(file));
                    default -> throw new UserError("Unknown --format '" + format + "': use csv, json, linkedin or bank");
                };
                print(results);
            } catch (ImportException e) {
                throw new UserError(e.getMessage(), e);
            } catch (SchemaException | IllegalArgumentException e) {
                throw new UserError(e.getMessage(), e);
            }
        }

        private CredentialSchema schema(SchemaRegistry schemas) throws SchemaException {
            if (type == null) {
                throw new UserError("--type is required with --format " + format);
            }
            return schemas.latest(type);
        }

        private void print(List<ImportResult> results) {
            PrintWriter out = spec.commandLine().getOut();
            for (ImportResult r : results) {
                out.println(r.schema().id() + ": " + r.records().size() + " record(s), all valid");
                for (ImportedRecord rec : r.records()) {
                    StringBuilder line = new StringBuilder("  ").append(rec.origin()).append(": ");
                    List<String> parts = new java.util.ArrayList<>();
                    for (Attribute a : r.schema().attributes()) {
                        if (rec.values().has(a.name())) {
                            parts.add(showValues ? a.name() + "=" + Predicate.display(a, rec.values().get(a.name()))
                                    : a.name());
                        }
                    }
                    out.println(line.append(String.join(", ", parts)));
                }
            }
            out.println("Nothing was written; the values stay in the file you imported.");
            out.flush();
        }
    }
}
