package dev.footfall.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ids as docs/index-schema.md writes them; the digests come from {@code sha256sum}. */
class DocumentIdsTest {

    @Test
    void shouldJoinWhatIdentifiesADocumentAsTheSchemaSays() {
        assertThat(DocumentIds.eventId("shop", "m-1")).isEqualTo("shop:m-1");
        assertThat(DocumentIds.healthId("shop", 1_772_323_200_000L)).isEqualTo("shop:1772323200000");
        assertThat(DocumentIds.invalidId("footfall.raw", 3, 42)).isEqualTo("footfall.raw-3-42");
    }

    @Test
    void shouldHashRollupKeysToTheFirst16HexDigitsOfTheirSha256() {
        // printf '%s' '/pricing' | sha256sum -> 7394a2bb766646ca a82a16a3...
        assertThat(DocumentIds.rollupId("shop", 60_000, "page", "/pricing")).isEqualTo("shop:60000:page:7394a2bb766646ca");
        // printf '%s' '*' | sha256sum -> 684888c0ebb17f37 4298b65e...
        assertThat(DocumentIds.hash("*")).isEqualTo("684888c0ebb17f37");
    }

    @Test
    void shouldDeriveASessionIdFromSiteVisitorAndOpeningMessage() {
        // printf 'shop\0v1\0m1' | sha256sum -> 0dc584ec8000f894b327596f083468ef (32 of its hex digits)
        assertThat(DocumentIds.sessionId("shop", "v1", "m1")).isEqualTo("0dc584ec8000f894b327596f083468ef");
    }

    @Test
    void shouldNameAGoalConversionBySiteHashOfTheGoalsNameAndMessage() {
        // printf '%s' 'Signup' | sha256sum -> 0af0fd8f61d96751 ...
        assertThat(DocumentIds.goalId("shop", "Signup", "m-1")).isEqualTo("shop:0af0fd8f61d96751:m-1");
        assertThat(DocumentIds.goalIdPrefix("shop", "Signup") + "m-1").isEqualTo(DocumentIds.goalId("shop", "Signup", "m-1"));
    }

    @Test
    void shouldDeriveAFunnelAttemptIdFromSiteFunnelVisitorAndStartingMessageHash() {
        // printf 'shop\0Signup flow\0abc123\0v1\0ff' | sha256sum -> 2e690f4351ac522ea1dfaae565da878e (32 hex digits)
        assertThat(DocumentIds.funnelAttemptId("shop", "Signup flow", "abc123", "v1", 255))
                .isEqualTo("2e690f4351ac522ea1dfaae565da878e");
    }
}
