package io.enclave.market;

import java.util.EnumSet;
import java.util.Set;

/**
 * A purchase's life as the buyer sees it. The chain decides ESCROWED, DELIVERED, REFUNDED, DISPUTED and RESOLVED;
 * the buyer's app adds OPENED (the delivered key decrypted the package, it hashes to the anchored credential and its
 * proof verified) and REJECTED (it did not: the reason is kept, and a dispute is the way out).
 *
 * <pre>
 * ESCROWED ──deliverKey──▶ DELIVERED ──open ok──▶ OPENED
 *    │                        │  └──open fails──▶ REJECTED ──openDispute──▶ DISPUTED ──governance──▶ RESOLVED
 *    └─after deadline: refund─▶ REFUNDED          └──────────openDispute──────────▲
 * </pre>
 */
public enum PurchaseState {
    ESCROWED, DELIVERED, OPENED, REJECTED, REFUNDED, DISPUTED, RESOLVED;

    /** Whether the machine allows going from this state to {@code next}. */
    public boolean canMoveTo(PurchaseState next) {
        return next(this).contains(next);
    }

    private static Set<PurchaseState> next(PurchaseState s) {
        return switch (s) {
            case ESCROWED -> EnumSet.of(DELIVERED, REFUNDED);
            case DELIVERED -> EnumSet.of(OPENED, REJECTED, DISPUTED);
            case OPENED, REJECTED -> EnumSet.of(DISPUTED);
            case DISPUTED -> EnumSet.of(RESOLVED);
            case REFUNDED, RESOLVED -> EnumSet.noneOf(PurchaseState.class);
        };
    }

    /** The state the chain's {@code Marketplace.Status} number stands for. */
    public static PurchaseState ofChain(int status) {
        return switch (status) {
            case 1 -> ESCROWED;
            case 2 -> DELIVERED;
            case 3 -> REFUNDED;
            case 4 -> DISPUTED;
            case 5 -> RESOLVED;
            default -> throw new MarketException("Unknown purchase status " + status + " on chain.");
        };
    }
}
