package dev.footfall.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.job.model.DefinitionsRecord;
import dev.footfall.job.model.EnrichedEvent;
import dev.footfall.job.model.FunnelTimeline;
import dev.footfall.job.model.FunnelVisitor;
import dev.footfall.job.model.HealthAccumulator;
import dev.footfall.job.model.HealthInput;
import dev.footfall.job.model.IndexAction;
import dev.footfall.job.model.InvalidEvent;
import dev.footfall.job.model.RollupAccumulator;
import dev.footfall.job.model.RollupInput;
import dev.footfall.job.model.ValidatedRecord;
import dev.footfall.job.model.VisitAttributes;
import dev.footfall.job.model.VisitorSessions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

class PipelineTest {

    @Test
    void shouldMoveAndKeepEveryTypeAsAPojoNeverKryo() {
        for (Class<?> type : List.of(ValidatedRecord.class, EnrichedEvent.class, InvalidEvent.class, IndexAction.class,
                RollupInput.class, HealthInput.class, VisitorSessions.class, RollupAccumulator.class,
                HealthAccumulator.class, DefinitionsRecord.class, FunnelTimeline.class, FunnelVisitor.class,
                VisitAttributes.class)) {
            assertThat(TypeInformation.of(type)).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
        }
    }

    @Test
    void shouldBuildWithGenericTypesDisabledAndAStableUidOnEverySourceOperatorAndSink() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobSettings settings = JobSettings.builder().build();
        JobEnvironment.configure(env, settings);
        FootfallJob.forSettings(settings).build(env);

        // Serializers are created here: a type needing Kryo would fail, generic types being off.
        StreamGraph graph = env.getStreamGraph();

        Set<String> uids = graph.getStreamNodes().stream().map(StreamNode::getTransformationUID)
                .filter(uid -> uid != null).collect(Collectors.toSet());
        assertThat(uids).containsAll(declaredUids());
        assertThat(graph.getCheckpointConfig().isCheckpointingEnabled()).isTrue();
    }

    @Test
    void shouldListEveryUidInTheTableOfDocsFlinkJob() throws Exception {
        Path doc = Path.of("..", "docs", "flink-job.md");
        Set<String> documented = new java.util.HashSet<>();
        for (String line : Files.readAllLines(doc)) {
            if (line.startsWith("| `")) {
                java.util.regex.Matcher uid = java.util.regex.Pattern.compile("`([a-z0-9-]+)`")
                        .matcher(line.split("\\|")[1]);
                while (uid.find()) {
                    documented.add(uid.group(1));
                }
            }
        }
        assertThat(documented).as("the uids in the table of %s", doc).containsAll(declaredUids());
    }

    private static List<String> declaredUids() throws IllegalAccessException {
        List<String> uids = new ArrayList<>();
        for (Field field : OperatorIds.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getName().endsWith("_UID")) {
                uids.add((String) field.get(null));
            }
        }
        return uids;
    }
}
