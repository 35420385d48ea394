package dev.loophole.model.project;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The parameters of a node, in display order, unique by id. */
public record ParameterSet(List<Parameter> parameters) {
    public static final ParameterSet EMPTY = new ParameterSet(List.of());

    public ParameterSet {
        parameters = List.copyOf(parameters);
        Ids.unique(parameters, Parameter::id, "parameter id");
    }

    public static ParameterSet of(Parameter... parameters) { return new ParameterSet(List.of(parameters)); }

    public Optional<Parameter> find(String id) {
        for (Parameter p : parameters) if (p.id().equals(id)) return Optional.of(p);
        return Optional.empty();
    }

    public boolean contains(String id) { return find(id).isPresent(); }

    /** Throws when {@code id} is unknown or {@code value} is outside its parameter's range or step. */
    public void requireValid(String id, double value) {
        Parameter p = find(id).orElseThrow(() -> new IllegalArgumentException("no parameter '" + id + "'; known: " + ids()));
        String problem = p.problemWith(value);
        if (problem != null) throw new IllegalArgumentException(problem);
    }

    /** Throws unless every value names a parameter of this set and fits it. */
    public void requireValid(Map<String, Double> values) {
        values.forEach(this::requireValid);
    }

    /** The value of {@code id}: the explicit one in {@code values}, else the parameter's default. */
    public double value(Map<String, Double> values, String id) {
        Double v = values.get(id);
        if (v != null) return v;
        return find(id).orElseThrow(() -> new IllegalArgumentException("no parameter '" + id + "'")).defaultValue();
    }

    /** Every parameter's value in order, defaults filled in. */
    public Map<String, Double> resolve(Map<String, Double> values) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Parameter p : parameters) out.put(p.id(), values.getOrDefault(p.id(), p.defaultValue()));
        return out;
    }

    public List<String> ids() { return parameters.stream().map(Parameter::id).toList(); }
}
