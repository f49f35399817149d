package io.enclave.archfixture;

import javafx.beans.property.SimpleStringProperty;

/** A deliberate violation: a domain class that imports JavaFX. ArchitectureTest must reject it. */
public final class DomainClassUsingJavaFx {
    private final SimpleStringProperty name = new SimpleStringProperty("x");

    public String name() {
        return name.get();
    }
}
