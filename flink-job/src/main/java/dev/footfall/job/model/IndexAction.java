package dev.footfall.job.model;

/**
 * One write to OpenSearch, already rendered: index a whole document, partially update one, or
 * delete one. Every action names its document by a deterministic id, so replaying actions after
 * a restart overwrites instead of duplicating.
 *
 * @param json the document (INDEX) or the partial document (UPDATE); null for DELETE
 */
public record IndexAction(Op op, String index, String id, String json) {

    /** The three kinds of write. */
    public enum Op {
        INDEX,
        UPDATE,
        DELETE
    }

    public static IndexAction index(String index, String id, String json) {
        return new IndexAction(Op.INDEX, index, id, json);
    }

    public static IndexAction update(String index, String id, String partialJson) {
        return new IndexAction(Op.UPDATE, index, id, partialJson);
    }

    public static IndexAction delete(String index, String id) {
        return new IndexAction(Op.DELETE, index, id, null);
    }
}
