// Verifies recorded deliveries with the published Standard Webhooks library, as a receiver would.
// Usage: node verify.js <deliveries.json>; the file holds [{secret, id, timestamp, signature, body}].
// Prints one line per delivery: "ok <webhook-id>" or "fail <webhook-id> <reason>".
const fs = require("fs");
const { Webhook } = require("standardwebhooks");

for (const d of JSON.parse(fs.readFileSync(process.argv[2], "utf8"))) {
  try {
    const payload = new Webhook(d.secret).verify(d.body, {
      "webhook-id": d.id,
      "webhook-timestamp": d.timestamp,
      "webhook-signature": d.signature,
    });
    console.log(`ok ${d.id} ${payload.id === d.id ? "" : "payload-id-differs"}`.trim());
  } catch (e) {
    console.log(`fail ${d.id} ${e.message}`);
  }
}
