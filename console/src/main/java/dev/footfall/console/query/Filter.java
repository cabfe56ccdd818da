package dev.footfall.console.query;

import java.util.List;
import java.util.function.Consumer;

/**
 * A filter tree: conditions combined with {@code and}, {@code or} and {@code not}. The top-level
 * list of a query is an implicit {@code and}.
 */
public sealed interface Filter {

    /** Calls {@code action} for every condition in the tree. */
    void forEachCondition(Consumer<Condition> action);

    /**
     * One condition: {@code [operator, dimension, values]}, matching when any value matches.
     *
     * @param values plain strings for {@code is}/{@code contains}; for {@code matches}, regular
     *               expressions already checked by {@link SafeRegex}
     */
    record Condition(FilterOperator operator, Dimension dimension, List<String> values, boolean caseSensitive)
            implements Filter {

        public Condition {
            values = List.copyOf(values);
        }

        @Override
        public void forEachCondition(Consumer<Condition> action) {
            action.accept(this);
        }
    }

    /** {@code and} and {@code or}: a list of filters, whose conditions are theirs. */
    sealed interface Combination extends Filter {
        List<Filter> filters();

        @Override
        default void forEachCondition(Consumer<Condition> action) {
            filters().forEach(f -> f.forEachCondition(action));
        }
    }

    record And(List<Filter> filters) implements Combination {
        public And {
            filters = List.copyOf(filters);
        }
    }

    record Or(List<Filter> filters) implements Combination {
        public Or {
            filters = List.copyOf(filters);
        }
    }

    record Not(Filter filter) implements Filter {
        @Override
        public void forEachCondition(Consumer<Condition> action) {
            filter.forEachCondition(action);
        }
    }
}
