package dev.spikeloop.compiler.nir;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the node/edge structure of a NIR file and flattens nested {@code NIRGraph} nodes (how
 * Rockpool, Norse and NIRTorch store a recurrent layer) at any depth: the inner nodes of subgraph
 * {@code S} become {@code S.inner}, an edge into {@code S} goes to whatever {@code S}'s inner Input
 * node feeds, and an edge out of {@code S} comes from whatever feeds its inner Output node.
 *
 * <p>Old files (NIR 0.x) stored subgraphs already flattened with dotted names ({@code lif1.input},
 * {@code lif1.lif}, {@code lif1.output}) but kept edges to and from the subgraph's name
 * ({@code lif1}); such an edge end is resolved to {@code lif1.input} / {@code lif1.output}.
 * Pass-through Input/Output nodes inside the graph are then removed.
 */
final class NirGraphReader {
    private final String source;
    private final Map<String, NirGraph.Node> nodes = new LinkedHashMap<>();
    private final List<String[]> edges = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private NirGraphReader(String source) {
        this.source = source;
    }

    static NirGraph read(HdfFile file, String source) {
        NirGraphReader r = new NirGraphReader(source);
        String version = "";
        Node v = file.getChildren().get("version");
        if (v instanceof Dataset d) {
            version = HdfValues.string(d, source + ": version");
        }
        Node top = file.getChildren().get("node");
        if (!(top instanceof Group g)) {
            throw new InvalidNirException(source + ": the file has no group 'node'; not a NIR graph file");
        }
        String type = HdfValues.string(HdfValues.required(g, "type", source + ": node"), source + ": node/type");
        if (!type.equals("NIRGraph")) {
            throw new InvalidNirException(source + ": the top node has type '" + type + "', expected NIRGraph");
        }
        Endpoints top0 = r.flatten(g, "");
        r.edges.addAll(top0.edges);
        NirGraph raw = new NirGraph(version, r.nodes, r.edges, r.problems);
        return r.resolveOldNames(raw);
    }

    /** The edges of one (sub)graph, by full node name, after flattening its children. */
    private record Endpoints(List<String[]> edges, String inputNode, String outputNode) {
    }

    private Endpoints flatten(Group graph, String prefix) {
        Node nodesNode = graph.getChildren().get("nodes");
        if (!(nodesNode instanceof Group nodesGroup)) {
            throw new InvalidNirException(source + ": graph '" + (prefix.isEmpty() ? "node" : prefix)
                    + "' has no group 'nodes'; not a NIR graph file");
        }
        Map<String, Endpoints> subgraphs = new LinkedHashMap<>();
        String input = null;
        String output = null;
        for (Map.Entry<String, Node> e : nodesGroup.getChildren().entrySet()) {
            String name = prefix + e.getKey();
            if (!(e.getValue() instanceof Group g)) {
                problems.add("node '" + name + "' is not an HDF5 group");
                continue;
            }
            Dataset typeSet = HdfValues.dataset(g, "type", source + ": node '" + name + "'");
            if (typeSet == null) {
                problems.add("node '" + name + "' has no 'type'");
                continue;
            }
            String type = HdfValues.string(typeSet, source + ": node '" + name + "' type");
            if (type.equals("NIRGraph")) {
                subgraphs.put(e.getKey(), flatten(g, name + "."));
                continue;
            }
            nodes.put(name, new NirGraph.Node(name, type, g));
            if (type.equals("Input")) {
                input = name;
            } else if (type.equals("Output")) {
                output = name;
            }
        }
        List<String[]> out = new ArrayList<>();
        Dataset edgeSet = HdfValues.dataset(graph, "edges", source + ": graph '" + prefix + "'");
        if (edgeSet != null) {
            for (String[] edge : HdfValues.stringPairs(edgeSet, source + ": " + (prefix.isEmpty() ? "" : "subgraph '"
                    + prefix.substring(0, prefix.length() - 1) + "' ") + "edges")) {
                String a = edge[0];
                String b = edge[1];
                Endpoints sa = subgraphs.get(a);
                Endpoints sb = subgraphs.get(b);
                String from = sa != null ? sa.outputNode : prefix + a;
                String to = sb != null ? sb.inputNode : prefix + b;
                if (from == null || to == null) {
                    problems.add("subgraph '" + prefix + (sa != null ? a : b) + "' has no "
                            + (from == null ? "Output" : "Input") + " node, so edge " + a + " -> " + b
                            + " cannot be connected");
                    continue;
                }
                out.add(new String[] {from, to});
            }
        }
        for (Endpoints s : subgraphs.values()) {
            out.addAll(s.edges);
        }
        return new Endpoints(out, input, output);
    }

    /**
     * Old dotted files: an edge end naming no node but {@code X} with nodes {@code X.input} /
     * {@code X.output} means that flattened subgraph. Unknown names are problems. Finally every
     * Input/Output node that both receives and sends (a subgraph's boundary) is bypassed.
     */
    private NirGraph resolveOldNames(NirGraph g) {
        List<String[]> resolved = new ArrayList<>();
        for (String[] e : g.edges()) {
            String a = resolve(e[0], ".output");
            String b = resolve(e[1], ".input");
            if (a == null || b == null) {
                String bad = a == null ? e[0] : e[1];
                problems.add("edge " + e[0] + " -> " + e[1] + " names no node '" + bad + "'"
                        + g.oldVersionHint());
                continue;
            }
            resolved.add(new String[] {a, b});
        }
        // bypass the Input/Output nodes of (flattened) subgraphs: they are identities
        for (NirGraph.Node n : new ArrayList<>(nodes.values())) {
            if (!(n.type().equals("Input") || n.type().equals("Output")) || !isBoundaryOfSub(n)) {
                continue;
            }
            List<String> preds = new ArrayList<>();
            List<String> succs = new ArrayList<>();
            List<String[]> next = new ArrayList<>();
            for (String[] e : resolved) {
                if (e[1].equals(n.name())) {
                    preds.add(e[0]);
                } else if (e[0].equals(n.name())) {
                    succs.add(e[1]);
                } else {
                    next.add(e);
                }
            }
            for (String p : preds) {
                for (String s : succs) {
                    next.add(new String[] {p, s});
                }
            }
            resolved = next;
            nodes.remove(n.name());
        }
        return new NirGraph(g.version(), nodes, resolved, problems);
    }

    /** An Input/Output node of a flattened subgraph ({@code X.input} with X a prefix of other nodes). */
    private boolean isBoundaryOfSub(NirGraph.Node n) {
        int dot = n.name().lastIndexOf('.');
        if (dot < 0) {
            return false;
        }
        String prefix = n.name().substring(0, dot + 1);
        return nodes.keySet().stream().anyMatch(k -> !k.equals(n.name()) && k.startsWith(prefix)
                && !nodes.get(k).type().equals("Input") && !nodes.get(k).type().equals("Output"));
    }

    /** {@code name}, or for an old flattened subgraph {@code name + suffix}; null when neither is a node. */
    private String resolve(String name, String suffix) {
        if (nodes.containsKey(name)) {
            return name;
        }
        if (nodes.containsKey(name + suffix)) {
            return name + suffix;
        }
        return null;
    }
}
