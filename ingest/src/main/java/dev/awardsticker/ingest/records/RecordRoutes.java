package dev.awardsticker.ingest.records;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.ingest.auth.BearerAuth;
import dev.awardsticker.ingest.publish.KafkaPublisher;
import dev.awardsticker.ingest.web.JsonBody;
import dev.awardsticker.ingest.web.Replies;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** {@code POST /records}: seeds the compacted {@code award-records} topic with historical reference records. */
public final class RecordRoutes {
    /** Each record is keyed, so a repeat replaces rather than duplicates: a partial batch is fixed by resending. */
    static final String RETRY = "send the whole batch again (records are keyed, repeats replace each other)";

    private final KafkaPublisher publisher;

    public record Accepted(int count, String topic) {}

    public RecordRoutes(KafkaPublisher publisher) {
        this.publisher = publisher;
    }

    public void seed(RoutingContext ctx) {
        List<RecordReference> references = RecordsParser.parse(JsonBody.read(ctx));
        String editor = BearerAuth.editor(ctx);
        List<Future<?>> writes = references.stream()
                .<Future<?>>map(r -> publisher.send(Topics.AWARD_RECORDS, r.key(), Json.bytes(r), editor, RETRY))
                .toList();
        Replies.reply(ctx, 202, Future.all(writes).map(all -> new Accepted(references.size(), Topics.AWARD_RECORDS)));
    }
}
