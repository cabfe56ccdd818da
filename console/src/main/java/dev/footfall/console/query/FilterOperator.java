package dev.footfall.console.query;

import java.util.Optional;

/** The operators of a filter condition, as Plausible's Stats API v2 names them. */
public enum FilterOperator {
    IS("is", false),
    IS_NOT("is_not", true),
    CONTAINS("contains", false),
    CONTAINS_NOT("contains_not", true),
    /** A regular expression found anywhere in the value (anchor it with {@code ^...$}). */
    MATCHES("matches", false),
    MATCHES_NOT("matches_not", true);

    private final String apiName;
    private final boolean negated;

    FilterOperator(String apiName, boolean negated) {
        this.apiName = apiName;
        this.negated = negated;
    }

    public String apiName() {
        return apiName;
    }

    /** {@code is_not}, {@code contains_not}, {@code matches_not}: the complement of another operator. */
    public boolean negated() {
        return negated;
    }

    /** {@code is_not} is {@code not is}, and so on. */
    public FilterOperator positive() {
        return switch (this) {
            case IS_NOT -> IS;
            case CONTAINS_NOT -> CONTAINS;
            case MATCHES_NOT -> MATCHES;
            default -> this;
        };
    }

    public static Optional<FilterOperator> byApiName(String name) {
        for (FilterOperator op : values()) {
            if (op.apiName.equals(name)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
