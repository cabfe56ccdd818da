package dev.footfall.console.query;

import dev.footfall.index.Fields;

/**
 * Where goal conversions ({@code footfall-goals-*}) and funnel attempts ({@code footfall-funnels-*})
 * store the attributes a query can filter them by. Both carry the visit attributes of an event
 * (an attempt: of its first event), so a filter is a term query on one index.
 */
final class ConversionFields {

    private ConversionFields() {
    }

    /** The goal conversions' field of a dimension, or null when conversions do not carry it. */
    static String goal(Dimension d) {
        return switch (d.kind()) {
            case EVENT_GOAL -> Fields.Goals.GOAL;
            case EVENT_HOSTNAME -> Fields.Goals.PAGE_HOST;
            case VISIT_SOURCE, VISIT_UTM_SOURCE -> Fields.Goals.SOURCE;
            case VISIT_UTM_MEDIUM -> Fields.Goals.MEDIUM;
            case VISIT_UTM_CAMPAIGN -> Fields.Goals.CAMPAIGN;
            case VISIT_UTM_CONTENT -> Fields.Goals.UTM_CONTENT;
            case VISIT_UTM_TERM -> Fields.Goals.UTM_TERM;
            case VISIT_DEVICE -> Fields.Goals.DEVICE_TYPE;
            case VISIT_BROWSER -> Fields.Goals.BROWSER;
            case VISIT_OS -> Fields.Goals.OS;
            case VISIT_COUNTRY -> Fields.Goals.COUNTRY;
            default -> null;
        };
    }

    /**
     * Whether goal conversions can be filtered by a dimension: its own field, or event names and
     * custom properties, which {@link FilterClauses} reads from the field names goals share with events.
     */
    static boolean onGoals(Dimension d) {
        return goal(d) != null || d.kind() == Dimension.Kind.EVENT_NAME || d.kind() == Dimension.Kind.EVENT_PROPS;
    }

    /** The funnel attempts' field of a dimension (the attempt's first event's), or null. */
    static String funnel(Dimension d) {
        return switch (d.kind()) {
            case EVENT_HOSTNAME -> Fields.Funnels.PAGE_HOST;
            case VISIT_SOURCE, VISIT_UTM_SOURCE -> Fields.Funnels.SOURCE;
            case VISIT_UTM_MEDIUM -> Fields.Funnels.MEDIUM;
            case VISIT_UTM_CAMPAIGN -> Fields.Funnels.CAMPAIGN;
            case VISIT_DEVICE -> Fields.Funnels.DEVICE_TYPE;
            case VISIT_BROWSER -> Fields.Funnels.BROWSER;
            case VISIT_OS -> Fields.Funnels.OS;
            case VISIT_COUNTRY -> Fields.Funnels.COUNTRY;
            default -> null;
        };
    }

    static String required(String field, Dimension d) {
        if (field == null) {
            // The parsers refuse such filters first.
            throw new IllegalStateException(d + " is not stored on goal conversions or funnel attempts");
        }
        return field;
    }
}
