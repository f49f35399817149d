package io.enclave.ui.studio;

/**
 * The credential studio wizard's steps in order and what Back and Next allow (plain Java: the controller asks, the
 * tests check). A step opens only when the one before it is complete, and nothing moves while a proof or a
 * publication is running.
 */
final class WizardNav {
    static final int IMPORT = 0;
    static final int ATTESTATION = 1;
    static final int PREDICATE = 2;
    static final int PROOF = 3;
    static final int REVIEW = 4;
    static final int PUBLISH = 5;
    static final int LAST = PUBLISH;

    private WizardNav() {
    }

    /** The step shown when step {@code n} is asked for: the nearest that exists. */
    static int clamp(int n) {
        return Math.max(IMPORT, Math.min(LAST, n));
    }

    static boolean canGoBack(int step, boolean busy) {
        return step > IMPORT && !busy;
    }

    /** Next: the current step is complete, there is a step after it, and nothing is running. */
    static boolean canGoNext(int step, boolean complete, boolean busy) {
        return complete && step < LAST && !busy;
    }

    /** Where the wizard stands, step by step, for the complete-check of each. */
    record Progress(boolean dataChosen, boolean attestationChecked, boolean predicateHolds, boolean packageMade) {
        boolean complete(int step) {
            return switch (step) {
                case IMPORT -> dataChosen;
                case ATTESTATION -> attestationChecked;
                case PREDICATE -> predicateHolds;
                case PROOF, REVIEW -> packageMade;
                default -> false;
            };
        }
    }
}
