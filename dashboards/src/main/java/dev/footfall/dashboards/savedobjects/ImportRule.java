package dev.footfall.dashboards.savedobjects;

/**
 * The checks OpenSearch Dashboards' saved-object import makes (or that decide whether an imported
 * object renders), each with a stable code. See docs/dashboards.md.
 */
public enum ImportRule {
    /** A non-blank line is not a JSON object: OSD rejects the whole file with 400. */
    INVALID_JSON_LINE,
    /** An object without a string {@code type} or {@code id}. */
    MISSING_TYPE_OR_ID,
    /** The same type:id twice: OSD rejects the whole import ("Non-unique import objects"). */
    DUPLICATE_OBJECT,
    /** A type this project does not import (OSD answers unsupported_type for unregistered ones). */
    UNKNOWN_TYPE,
    /** {@code attributes} missing, not an object, or without a string {@code title}. */
    MISSING_TITLE,
    /** An attribute key the type's strict mapping does not know: the write is rejected. */
    UNKNOWN_ATTRIBUTE,
    /** A JSON-in-a-string attribute that does not parse or has the wrong shape. */
    INVALID_JSON_ATTRIBUTE,
    /** A reference entry without string name, type and id. */
    INVALID_REFERENCE,
    /** An indexRefName, panelRefName or savedSearchRefName with no reference of that name. */
    UNRESOLVED_REF_NAME,
    /** A referenced index pattern, saved search or panel object that is not in the file. */
    MISSING_REFERENCE,
    /** A migrationVersion newer than the type's newest migration: OSD answers 422. */
    MIGRATION_VERSION_TOO_NEW
}
