package dev.awardsticker.gateway.push;

import dev.awardsticker.contract.update.AlertWithdrawn;
import dev.awardsticker.contract.update.CeremonyUpdate;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.awardsticker.gateway.Fixtures.MOONLIGHT;
import static dev.awardsticker.gateway.Fixtures.PICTURE;
import static dev.awardsticker.gateway.Fixtures.alert;
import static dev.awardsticker.gateway.Fixtures.chazelleWinsDirector;
import static dev.awardsticker.gateway.Fixtures.moonlightWinsPicture;
import static dev.awardsticker.gateway.Fixtures.tally;
import static dev.awardsticker.gateway.Fixtures.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookRequestTest {

    @Test
    void defaultsToAlertsOfEveryCeremonyWithAGeneratedSecret() throws Exception {
        WebhookRequest request = WebhookRequest.parse("{\"url\":\" https://push.example.com/hook?app=7 \"}");
        assertEquals("https://push.example.com/hook?app=7", request.url());
        assertEquals(new WebhookFilter(null, true), request.filter());
        assertTrue(request.generated());
        assertTrue(request.secret().startsWith("whsec_"));
        assertNotEquals(request.secret(), WebhookRequest.parse("{\"url\":\"https://push.example.com/\"}").secret());
    }

    @Test
    void takesAGivenSecretAndFilter() throws Exception {
        WebhookRequest request = WebhookRequest.parse("{\"url\":\"http://localhost:9000/h\",\"secret\":"
                + "\"0123456789abcdef01234567\",\"filter\":{\"ceremony\":\"oscars-89\",\"alertsOnly\":false}}");
        assertFalse(request.generated());
        assertEquals("0123456789abcdef01234567", request.secret());
        assertEquals(new WebhookFilter("oscars-89", false), request.filter());
    }

    @Test
    void refusesBadFieldsNamingThem() {
        assertInvalid("[]", "the body must be a JSON object");
        assertInvalid("{\"url\":42}", "url: required");
        assertInvalid("{\"url\":\"javascript:alert(1)\"}", "url: must start with https:// or http://");
        assertInvalid("{\"url\":\"https:///nohost\"}", "url: has no host name");
        assertInvalid("{\"url\":\"https://a.example/ b\"}", "url: not a valid URL");
        assertInvalid("{\"url\":\"https://a.example/#x\"}", "url: must not have a #fragment");
        assertInvalid("{\"url\":\"https://a.example/\",\"secret\":12345678901234567890123456}", "secret: must be");
        assertInvalid("{\"url\":\"https://a.example/\",\"filter\":[]}", "filter: must be an object");
        assertInvalid("{\"url\":\"https://a.example/\",\"filter\":{\"ceremony\":\" \"}}", "filter.ceremony:");
    }

    @Test
    void filtersAlertsAndCeremonies() {
        WebhookFilter alertsOfOne = new WebhookFilter("c1", true);
        assertNotNull(alertsOfOne.select(alert("c1", 1, 3, PICTURE, MOONLIGHT)));
        CeremonyUpdate withdrawn = update("c1", 1, 4, new AlertWithdrawn("alert-3", "h", "corrected"));
        assertSame(withdrawn, alertsOfOne.select(withdrawn));
        assertNull(alertsOfOne.select(tally("c1", 1, 5, MOONLIGHT, 1)));
        assertNull(alertsOfOne.select(alert("c2", 1, 3, PICTURE, MOONLIGHT)));
        CeremonyUpdate any = tally("c2", 1, 5, MOONLIGHT, 1);
        assertSame(any, new WebhookFilter(null, false).select(any));
    }

    @Test
    void anAlertsOnlySubscriptionGetsTheAlertsOfAWinAndTheRecordTheySet() {
        CeremonyUpdate win = moonlightWinsPicture("c1", 1, 2);
        CeremonyUpdate selected = new WebhookFilter("c1", true).select(win);
        assertEquals(List.of("RecordAlert", "RecordUpdated"),
                selected.changes().stream().map(c -> c.getClass().getSimpleName()).toList());
        assertEquals(win.seq(), selected.seq());
        assertEquals(win.eventId(), selected.eventId());
        assertNull(new WebhookFilter("c1", true).select(chazelleWinsDirector("c1", 1, 3)), "no alert in it");
    }

    @Test
    void signsTimestampDotBody() {
        // Computed independently: printf '1700000000.{}' | openssl dgst -sha256 -hmac key
        assertEquals("v1=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae",
                Signature.header("key", 1_700_000_000L, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void webhookIdsAreStablePerSubscriptionAndUpdate() {
        assertEquals("wh_1:c1:7:3", WebhookBody.idOf("wh_1", alert("c1", 7, 3, PICTURE, MOONLIGHT)));
    }

    @Test
    void adminTokensMustMatchExactly() {
        AdminAuth auth = new AdminAuth(java.util.List.of("first-token-0123456789", "second-token-0123456789"));
        assertTrue(auth.allows("Bearer second-token-0123456789"));
        assertTrue(auth.allows("bearer first-token-0123456789"));
        assertFalse(auth.allows("Bearer first-token-012345678"));
        assertFalse(auth.allows("first-token-0123456789"));
        assertFalse(auth.allows(null));
        assertFalse(new AdminAuth(java.util.List.of()).enabled());
    }

    private static void assertInvalid(String body, String message) {
        WebhookRequest.Invalid e = assertThrows(WebhookRequest.Invalid.class, () -> WebhookRequest.parse(body));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
