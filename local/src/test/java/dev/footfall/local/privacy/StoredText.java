package dev.footfall.local.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.testkit.OpenSearchTestClient;
import dev.footfall.testkit.TopicBytes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Everything the pipeline stored, as text to search: every record (key, value, headers) of every
 * Kafka topic, internal ones included, and the {@code _source} of every document of every
 * {@code footfall-*} index, read page by page.
 */
final class StoredText {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private StoredText() {
    }

    /** Topic name to the text of each of its records. Bytes are read as ISO-8859-1: addresses are ASCII. */
    static Map<String, List<String>> kafkaRecords(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        Map<String, List<String>> byTopic = new TreeMap<>();
        try (Admin admin = Admin.create(p)) {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(30, TimeUnit.SECONDS);
            for (String topic : topics) {
                byTopic.put(topic, readTopic(bootstrap, topic));
            }
        }
        return byTopic;
    }

    private static List<String> readTopic(String bootstrap, String topic) {
        List<String> texts = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : TopicBytes.readToEnd(bootstrap, topic, TIMEOUT)) {
            texts.add(text(record));
        }
        return texts;
    }

    private static String text(ConsumerRecord<byte[], byte[]> record) {
        StringBuilder out = new StringBuilder();
        out.append(latin1(record.key())).append('\n').append(latin1(record.value()));
        for (Header header : record.headers()) {
            out.append('\n').append(header.key()).append('=').append(latin1(header.value()));
        }
        return out.toString();
    }

    private static String latin1(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Index name to the {@code _source} text of each of its documents. */
    static Map<String, List<String>> openSearchDocuments(OpenSearchTestClient search) {
        search.refresh("footfall-*");
        Map<String, List<String>> byIndex = new TreeMap<>();
        for (JsonNode index : search.request("GET", "/_cat/indices/footfall-*?format=json&h=index", null)) {
            String name = index.path("index").asText();
            byIndex.put(name, documents(search, name));
        }
        return byIndex;
    }

    private static List<String> documents(OpenSearchTestClient search, String index) {
        List<String> texts = new ArrayList<>();
        JsonNode page = search.request("POST", "/" + index + "/_search?scroll=2m",
                "{\"size\":1000,\"sort\":[\"_doc\"],\"query\":{\"match_all\":{}}}");
        String scrollId = page.path("_scroll_id").asText(null);
        try {
            while (page.path("hits").path("hits").size() > 0) {
                page.path("hits").path("hits").forEach(hit -> texts.add(hit.path("_source").toString()));
                page = search.request("POST", "/_search/scroll", "{\"scroll\":\"2m\",\"scroll_id\":\"" + scrollId + "\"}");
                scrollId = page.path("_scroll_id").asText(scrollId);
            }
        } finally {
            if (scrollId != null) {
                search.request("DELETE", "/_search/scroll", "{\"scroll_id\":\"" + scrollId + "\"}");
            }
        }
        return texts;
    }
}
