package dev.warroom.bank;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Keeps a YAML tree within {@link Limits}: the loader options SnakeYAML enforces, a place
 * for its (unlocated) limit errors, and a walk of the composed tree that refuses aliases
 * that refer to themselves or expand it beyond {@link Limits#MAX_YAML_VALUES}, and values
 * longer than {@link Limits#MAX_VALUE_CHARS}. Every
 * later walk of the tree (the readers, variant overrides) can then recurse safely.
 */
final class YamlGuard {
    private YamlGuard() {
    }

    static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported by Fields, with both lines
        options.setCodePointLimit(Limits.MAX_FILE_CHARS + 1);
        options.setNestingDepthLimit(Limits.MAX_YAML_DEPTH);
        options.setMaxAliasesForCollections(Limits.MAX_YAML_ALIASES);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    /** Depth: a mapping or list inside {@value Limits#MAX_YAML_DEPTH} others is one too deep. */
    static String tooDeep() {
        return "nests mappings and lists more than " + Limits.MAX_YAML_DEPTH + " levels deep; that is the limit";
    }

    static String tooManyAliases() {
        return "uses more than " + Limits.MAX_YAML_ALIASES + " aliases (*name) to mappings or lists; that is the limit";
    }

    /**
     * Where a SnakeYAML limit error (which carries no mark) happened: replays the text's
     * events and returns the first one beyond the depth or alias limit, with its message.
     */
    static BankError locateLimit(String text, String file) {
        int depth = 0;
        int aliases = 0;
        try {
            for (Event e : new Yaml(options()).parse(new StringReader(text))) {
                if (e instanceof CollectionStartEvent) {
                    depth++;
                    if (depth > Limits.MAX_YAML_DEPTH) {
                        return error(file, e.getStartMark(), tooDeep());
                    }
                } else if (e instanceof CollectionEndEvent) {
                    depth--;
                } else if (e instanceof AliasEvent) {
                    aliases++;
                    if (aliases > Limits.MAX_YAML_ALIASES) {
                        return error(file, e.getStartMark(), tooManyAliases());
                    }
                }
            }
        } catch (RuntimeException ignored) {
            // reported by the caller, unlocated
        }
        return null;
    }

    /**
     * Checks the composed tree: no alias inside what it refers to, no more than
     * {@link Limits#MAX_YAML_VALUES} values once aliases are expanded. Iterative, so a
     * cyclic or huge tree cannot overflow the stack. Returns the error, or null.
     */
    static BankError check(Node root, String file) {
        Set<Node> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Node> path = new ArrayDeque<>();
        ArrayDeque<Iterator<Node>> children = new ArrayDeque<>();
        long values = 1;
        onPath.add(root);
        path.push(root);
        children.push(children(root));
        while (!children.isEmpty()) {
            Iterator<Node> it = children.peek();
            if (!it.hasNext()) {
                children.pop();
                onPath.remove(path.pop());
                continue;
            }
            Node child = it.next();
            if (++values > Limits.MAX_YAML_VALUES) {
                return error(file, child.getStartMark(), String.format(Locale.ROOT,
                        "expands to more than %,d values (counting each alias as a copy of what it refers to); "
                                + "that is the limit", Limits.MAX_YAML_VALUES));
            }
            if (child instanceof ScalarNode s && s.getValue().length() > Limits.MAX_VALUE_CHARS) {
                return error(file, child.getStartMark(), String.format(Locale.ROOT,
                        "a value of %,d characters; the limit is %,d", s.getValue().length(), Limits.MAX_VALUE_CHARS));
            }
            if (child instanceof MappingNode || child instanceof SequenceNode) {
                if (!onPath.add(child)) {
                    return error(file, path.peek().getStartMark(),
                            "an alias refers to a mapping or list that contains it (an endless loop)");
                }
                if (path.size() >= Limits.MAX_YAML_DEPTH) {
                    return error(file, child.getStartMark(), tooDeep());
                }
                path.push(child);
                children.push(children(child));
            }
        }
        return null;
    }

    private static Iterator<Node> children(Node n) {
        if (n instanceof MappingNode m) {
            return m.getValue().stream().flatMap((NodeTuple t) -> java.util.stream.Stream.of(t.getKeyNode(),
                    t.getValueNode())).iterator();
        }
        if (n instanceof SequenceNode s) {
            return s.getValue().iterator();
        }
        return List.<Node>of().iterator();
    }

    private static BankError error(String file, Mark at, String message) {
        return new BankError(file, at == null ? 0 : at.getLine() + 1, at == null ? 0 : at.getColumn() + 1, "", message);
    }
}
