package io.enclave.market.gov;

import io.enclave.chain.AbiDecoder;
import io.enclave.chain.AbiRegistry;
import io.enclave.chain.Humanizer;
import io.enclave.market.MarketContracts;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Decodes a proposal's calls with the suite's ABIs and says what each does, in words a voter can judge. */
public final class ActionWords {
    private final Map<String, String> names = new HashMap<>();
    private final AbiDecoder decoder = new AbiDecoder(AbiRegistry.fromClasspath());
    private final Humanizer human;

    public ActionWords(MarketContracts contracts, Humanizer human) {
        contracts.byName().forEach((name, address) -> names.put(address, name));
        this.human = human;
    }

    public String describe(String target, BigInteger value, String data) {
        String contract = names.get(target.toLowerCase(Locale.ROOT));
        if (contract == null) {
            return "Call unknown contract " + target + " with data " + abbreviate(data)
                    + (value.signum() == 0 ? "" : ", sending " + human.amount(value)) + " — check it before voting";
        }
        Optional<AbiDecoder.Call> call = decoder.decodeCall(contract, data);
        if (call.isEmpty()) {
            return contract + ": unknown call " + abbreviate(data) + " — check it before voting";
        }
        Map<String, Object> a = call.get().args().stream()
                .collect(Collectors.toMap(AbiDecoder.Arg::name, x -> x.value() == null ? "null" : x.value()));
        String said = switch (contract + "." + call.get().function()) {
            case "TrustStaking.slash" -> "slash " + percent(a.get("bps")) + " of the stake vouching for "
                    + human.address(str(a.get("vouchee"))) + " and pay " + human.amount(num(a.get("compensation")))
                    + " of it to " + human.address(str(a.get("beneficiary"))) + " (the rest goes to the treasury)";
            case "TrustStaking.sync" -> "update the voting power of " + human.address(str(a.get("voucher")))
                    + " after a slash of " + human.address(str(a.get("vouchee")));
            case "Marketplace.resolveDispute" -> "settle the dispute of purchase #" + a.get("purchaseId") + " for the "
                    + (Boolean.TRUE.equals(a.get("buyerWins")) ? "buyer, taking back up to "
                    + human.amount(num(a.get("clawback"))) + " of the seller's unwithdrawn proceeds for the buyer"
                    : "seller");
            case "CredentialRegistry.registerIssuer" -> "register " + human.address(str(a.get("account")))
                    + " as a credential issuer with a royalty of " + percent(a.get("royaltyBps"));
            case "CredentialRegistry.removeIssuer" -> "remove issuer " + human.address(str(a.get("account")));
            case "Marketplace.unpause", "CredentialRegistry.unpause", "TrustStaking.unpause" -> "unpause the contract";
            case "Marketplace.pause", "CredentialRegistry.pause", "TrustStaking.pause" -> "pause the contract";
            default -> call.get().function() + "(" + call.get().args().stream().map(x -> x.name() + " = " + human.arg(x))
                    .collect(Collectors.joining(", ")) + ")";
        };
        return contract + ": " + said + (value.signum() == 0 ? "" : ", sending " + human.amount(value));
    }

    private static String percent(Object bps) {
        return new BigDecimal(num(bps)).movePointLeft(2).stripTrailingZeros().toPlainString() + "%";
    }

    private static BigInteger num(Object o) {
        return o instanceof BigInteger b ? b : new BigInteger(String.valueOf(o));
    }

    private static String str(Object o) {
        return String.valueOf(o);
    }

    private static String abbreviate(String data) {
        return data.length() > 74 ? data.substring(0, 74) + "…" : data;
    }

    /** All actions of a proposal. */
    public List<String> describe(List<String> targets, List<BigInteger> values, List<String> datas) {
        return java.util.stream.IntStream.range(0, targets.size())
                .mapToObj(i -> describe(targets.get(i), values.get(i), datas.get(i))).toList();
    }
}
