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
        assertEquals(32, java.util.Base64.getDecoder().decode(request.secret().substring(6)).length);
        assertNotEquals(request.secret(), WebhookRequest.parse("{\"url\":\"https://push.example.com/\"}").secret());
    }

    @Test
    void takesAGivenSecretAndFilter() throws Exception {
        WebhookRequest request = WebhookRequest.parse("{\"url\":\"http://localhost:9000/h\",\"secret\":"
                + "\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\",\"filter\":{\"ceremony\":\"oscars-89\",\"alertsOnly\":false}}");
        assertFalse(request.generated());
        assertEquals("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", request.secret());
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
        assertInvalid("{\"url\":\"https://a.example/\",\"secret\":12345678901234567890123456}", "secret: must be whsec_");
        assertInvalid("{\"url\":\"https://a.example/\",\"secret\":\"0123456789abcdef01234567\"}", "secret: must be whsec_");
        assertInvalid("{\"url\":\"https://a.example/\",\"secret\":\"whsec_c2hvcnQ=\"}", "24 to 64 random bytes");
        assertInvalid("{\"url\":\"https://a.example/\",\"secret\":\"whsec_not*base64*at*all*not*base64*at*all\"}",
                "secret: must be whsec_");
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
    void signsPerStandardWebhooksTestVector() {
        // The specification's own example (secret, msg id, timestamp, payload and the expected signature).
        byte[] payload = "{\"test\": 2432232314}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", Signature.header(
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, payload));
    }

    @Test
    void duringARotationBothSecretsSignThenOnlyTheNewOne() {
        java.time.Instant now = java.time.Instant.parse("2026-12-03T12:00:00Z");
        String old = Signature.generateSecret();
        String fresh = Signature.generateSecret();
        WebhookSubscription rotated = new WebhookSubscription("wh_1", "https://a.example/", old,
                new WebhookFilter(null, true), now, java.util.Map.of()).rotated(fresh, now.plusSeconds(60));
        assertEquals(List.of(fresh, old), rotated.signingSecrets(now.plusSeconds(59)));
        assertEquals(List.of(fresh), rotated.signingSecrets(now.plusSeconds(60)));
        byte[] body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(Signature.header(fresh, "i", 1, body) + " " + Signature.header(old, "i", 1, body),
                Signature.header(rotated.signingSecrets(now), "i", 1, body));
    }

    @Test
    void subscriptionsStoredBeforeRotationExistedStillRead() {
        WebhookSubscription old = dev.awardsticker.contract.Json.read(("{\"id\":\"wh_1\",\"url\":\"https://a.example/\","
                + "\"secret\":\"legacy-plain-text-secret-0123\",\"filter\":{\"ceremony\":null,\"alertsOnly\":true},"
                + "\"createdAt\":\"2017-01-08T20:00:00Z\",\"startPositions\":{\"0\":4}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), WebhookSubscription.class);
        assertEquals(List.of("legacy-plain-text-secret-0123"), old.signingSecrets(java.time.Instant.now()));
        assertNull(old.previousSecret());
        // Still signed (with the text as key) until an admin rotates it to a standard secret.
        assertTrue(Signature.header(old.secret(), "i", 1, new byte[0]).startsWith("v1,"));
    }

    @Test
    void rotationBodiesAreCheckedNamingTheField() throws Exception {
        WebhookRequest.Rotation generated = WebhookRequest.parseRotation("");
        assertTrue(generated.generated() && generated.secret().startsWith("whsec_"));
        assertEquals(java.time.Duration.ofHours(24), generated.keepPrevious());
        assertEquals(java.time.Duration.ZERO, WebhookRequest.parseRotation("{\"keepPreviousForSeconds\":0}").keepPrevious());
        assertThrows(WebhookRequest.Invalid.class, () -> WebhookRequest.parseRotation("{\"secret\":\"plain-text-secret-0123456789\"}"));
        WebhookRequest.Invalid tooLong = assertThrows(WebhookRequest.Invalid.class,
                () -> WebhookRequest.parseRotation("{\"keepPreviousForSeconds\":999999999}"));
        assertTrue(tooLong.getMessage().startsWith("keepPreviousForSeconds:"), tooLong.getMessage());
        WebhookRequest.Invalid unknown = assertThrows(WebhookRequest.Invalid.class,
                () -> WebhookRequest.parseRotation("{\"secrets\":\"x\"}"));
        assertTrue(unknown.getMessage().startsWith("secrets: unknown field"), unknown.getMessage());
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
