package dev.spikeloop.compiler.nir;

import io.jhdf.api.Group;

import java.util.List;
import java.util.Map;

/**
 * A NIR graph as stored, with nested subgraphs already flattened ({@link NirGraphReader}): every
 * node by its (possibly prefixed) name, in file order, and the edges between them.
 *
 * @param version  the file's {@code version} string ("" when absent)
 * @param nodes    node name to node
 * @param edges    pairs {source, target}
 * @param problems what could not be read or flattened, each naming the node
 */
record NirGraph(String version, Map<String, Node> nodes, List<String[]> edges, List<String> problems) {

    /**
     * One node.
     *
     * @param name  its name (inner nodes of a subgraph {@code S} are named {@code S.inner})
     * @param type  the NIR type string
     * @param group its HDF5 group (parameters)
     */
    record Node(String name, String type, Group group) {
    }

    /** True for a file written before NIR 1.0 (2023), whose conventions differ (no v_reset, old names). */
    boolean isOldVersion() {
        return version.isEmpty() || version.startsWith("0.");
    }

    /** "the file is from an old NIR version (0.2.0) ..." hint, or "" for a current file. */
    String oldVersionHint() {
        return isOldVersion() ? " (the file is from an old NIR version, " + (version.isEmpty() ? "no version" : version)
                + ", written before NIR 1.0; re-export it with a current NIR to fix this)" : "";
    }
}
