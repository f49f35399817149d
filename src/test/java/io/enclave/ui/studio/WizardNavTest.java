package io.enclave.ui.studio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What Back and Next allow in the studio wizard, step by step. */
class WizardNavTest {
    @Test
    void nextOpensOnlyWhenTheCurrentStepIsCompleteAndNothingRuns() {
        for (int step = WizardNav.IMPORT; step < WizardNav.LAST; step++) {
            assertThat(WizardNav.canGoNext(step, true, false)).as("step %d complete", step).isTrue();
            assertThat(WizardNav.canGoNext(step, false, false)).as("step %d incomplete", step).isFalse();
            assertThat(WizardNav.canGoNext(step, true, true)).as("step %d while busy", step).isFalse();
        }
        assertThat(WizardNav.canGoNext(WizardNav.LAST, true, false)).as("nothing after publishing").isFalse();
    }

    @Test
    void backIsClosedOnTheFirstStepAndWhileSomethingRuns() {
        assertThat(WizardNav.canGoBack(WizardNav.IMPORT, false)).isFalse();
        assertThat(WizardNav.canGoBack(WizardNav.ATTESTATION, false)).isTrue();
        assertThat(WizardNav.canGoBack(WizardNav.PUBLISH, false)).isTrue();
        assertThat(WizardNav.canGoBack(WizardNav.PROOF, true)).as("a proof is running").isFalse();
        assertThat(WizardNav.clamp(-1)).isEqualTo(WizardNav.IMPORT);
        assertThat(WizardNav.clamp(9)).isEqualTo(WizardNav.LAST);
        assertThat(WizardNav.clamp(WizardNav.REVIEW)).isEqualTo(WizardNav.REVIEW);
    }

    @Test
    void eachStepIsCompleteByItsOwnPartOfTheProgress() {
        WizardNav.Progress none = new WizardNav.Progress(false, false, false, false);
        WizardNav.Progress data = new WizardNav.Progress(true, false, false, false);
        WizardNav.Progress checked = new WizardNav.Progress(true, true, false, false);
        WizardNav.Progress holds = new WizardNav.Progress(true, true, true, false);
        WizardNav.Progress made = new WizardNav.Progress(true, true, true, true);
        assertThat(none.complete(WizardNav.IMPORT)).isFalse();
        assertThat(data.complete(WizardNav.IMPORT)).isTrue();
        assertThat(data.complete(WizardNav.ATTESTATION)).as("an attestation that failed a check").isFalse();
        assertThat(checked.complete(WizardNav.ATTESTATION)).isTrue();
        assertThat(checked.complete(WizardNav.PREDICATE)).as("a value that does not satisfy the predicate").isFalse();
        assertThat(holds.complete(WizardNav.PREDICATE)).isTrue();
        assertThat(holds.complete(WizardNav.PROOF)).isFalse();
        assertThat(holds.complete(WizardNav.REVIEW)).isFalse();
        assertThat(made.complete(WizardNav.PROOF)).isTrue();
        assertThat(made.complete(WizardNav.REVIEW)).isTrue();
        assertThat(made.complete(WizardNav.PUBLISH)).as("publishing is the end, never 'complete' for Next").isFalse();
    }
}
