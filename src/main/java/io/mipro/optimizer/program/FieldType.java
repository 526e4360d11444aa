package io.mipro.optimizer.program;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

import io.mipro.optimizer.util.PythonValues;

/**
 * The type of a signature field: text (the default), int, float, bool, or an enumeration of allowed values (a
 * classification label, DSPy's {@code Literal[...]}). Values travel as text in the spelling Python gives them
 * ({@code 8}, {@code 1e-05}, {@code True}), because that is how DSPy renders and compares them: {@link #parse} checks
 * a model's answer against the type and returns that spelling, {@link #fromJson} does the same for a value of a JSON
 * answer, and {@link #toJson} gives the JSON value a typed demo is written as.
 */
public record FieldType(Kind kind, List<String> allowed) {

	public enum Kind {

		STR, INT, FLOAT, BOOL, LITERAL

	}

	public static final FieldType STR = new FieldType(Kind.STR, List.of());

	public static final FieldType INT = new FieldType(Kind.INT, List.of());

	public static final FieldType FLOAT = new FieldType(Kind.FLOAT, List.of());

	public static final FieldType BOOL = new FieldType(Kind.BOOL, List.of());

	public FieldType {
		allowed = List.copyOf(allowed);
		if ((kind == Kind.LITERAL) == allowed.isEmpty()) {
			throw new IllegalArgumentException("an enumeration, and only an enumeration, lists allowed values");
		}
	}

	public static FieldType literal(List<String> values) {
		return new FieldType(Kind.LITERAL, values);
	}

	public boolean isText() {
		return kind == Kind.STR;
	}

	/** The Python annotation name the prompt shows: {@code str}, {@code int}, {@code Literal['a', 'b']}, ... */
	public String annotationName() {
		return switch (kind) {
			case STR -> "str";
			case INT -> "int";
			case FLOAT -> "float";
			case BOOL -> "bool";
			case LITERAL -> {
				StringBuilder name = new StringBuilder("Literal[");
				for (int i = 0; i < allowed.size(); i++) {
					name.append(i == 0 ? "" : ", ").append(PythonValues.repr(allowed.get(i)));
				}
				yield name.append(']').toString();
			}
		};
	}

	/** The hint the structure block adds after an output placeholder; empty for text. */
	String outputHint() {
		return switch (kind) {
			case STR -> "";
			case BOOL -> "must be True or False";
			case INT -> "must be a single int value";
			case FLOAT -> "must be a single float value";
			case LITERAL -> "must exactly match (no extra characters) one of: " + String.join("; ", allowed);
		};
	}

	/**
	 * A model's answer as the canonical text of this type.
	 * @throws IllegalArgumentException when the answer is not a value of this type
	 */
	public String parse(String raw) {
		String value = raw.strip();
		return switch (kind) {
			case STR -> raw;
			case INT -> parseInt(unquote(value));
			case FLOAT -> parseFloat(unquote(value));
			case BOOL -> parseBool(unquote(value));
			case LITERAL -> parseLiteral(value);
		};
	}

	private static String parseInt(String value) {
		try {
			return Long.toString(Long.parseLong(value));
		}
		catch (NumberFormatException ex) {
			try {
				BigDecimal number = new BigDecimal(value);
				// a float with no fractional part is an int, as pydantic's lax mode has it
				return number.toBigIntegerExact().toString();
			}
			catch (NumberFormatException | ArithmeticException notInt) {
				throw new IllegalArgumentException("`" + value + "` is not a valid int");
			}
		}
	}

	private static String parseFloat(String value) {
		try {
			double number = Double.parseDouble(value);
			if (Double.isNaN(number) || Double.isInfinite(number)) {
				throw new NumberFormatException();
			}
			return PythonValues.repr(number);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("`" + value + "` is not a valid float");
		}
	}

	private static String parseBool(String value) {
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "true", "t", "yes", "y", "on", "1" -> "True";
			case "false", "f", "no", "n", "off", "0" -> "False";
			default -> throw new IllegalArgumentException("`" + value + "` is not a valid bool");
		};
	}

	private String parseLiteral(String value) {
		if (allowed.contains(value)) {
			return value;
		}
		String v = value;
		if ((v.startsWith("Literal[") || v.startsWith("str[")) && v.endsWith("]")) {
			v = v.substring(v.indexOf('[') + 1, v.length() - 1);
		}
		if (v.length() > 1 && v.charAt(0) == v.charAt(v.length() - 1) && (v.charAt(0) == '"' || v.charAt(0) == '\'')) {
			v = v.substring(1, v.length() - 1);
		}
		if (allowed.contains(v)) {
			return v;
		}
		throw new IllegalArgumentException("`" + value + "` is not one of " + allowed);
	}

	private static String unquote(String value) {
		if (value.length() > 1 && value.charAt(0) == value.charAt(value.length() - 1)
				&& (value.charAt(0) == '"' || value.charAt(0) == '\'')) {
			return value.substring(1, value.length() - 1).strip();
		}
		return value;
	}

	/**
	 * A value of a JSON answer as this type's canonical text, as DSPy's {@code parse_value} reads it: text fields take
	 * Python's {@code str()} of any value; other types parse strings as {@link #parse} does and take numbers and
	 * booleans as pydantic's lax mode does.
	 * @throws IllegalArgumentException when the value is not of this type
	 */
	public String fromJson(Object value) {
		if (kind == Kind.STR) {
			return PythonValues.str(value);
		}
		if (value instanceof String text) {
			return parse(text);
		}
		return switch (kind) {
			case INT -> intOf(value);
			case FLOAT -> {
				if (value instanceof Number number) {
					yield PythonValues.repr(number.doubleValue());
				}
				if (value instanceof Boolean bool) {
					yield bool ? "1.0" : "0.0";
				}
				throw new IllegalArgumentException("`" + PythonValues.repr(value) + "` is not a valid float");
			}
			case BOOL -> {
				if (value instanceof Boolean bool) {
					yield bool ? "True" : "False";
				}
				if (value instanceof Number number && (number.doubleValue() == 0 || number.doubleValue() == 1)) {
					yield number.doubleValue() == 1 ? "True" : "False";
				}
				throw new IllegalArgumentException("`" + PythonValues.repr(value) + "` is not a valid bool");
			}
			case LITERAL -> parseLiteral(PythonValues.str(value));
			case STR -> throw new IllegalStateException();
		};
	}

	private static String intOf(Object value) {
		if (value instanceof Long || value instanceof BigInteger) {
			return value.toString();
		}
		if (value instanceof Boolean bool) {
			return bool ? "1" : "0";
		}
		if (value instanceof Double number && Double.isFinite(number) && number == Math.rint(number)) {
			return new BigDecimal(number).toBigIntegerExact().toString();
		}
		throw new IllegalArgumentException("`" + PythonValues.repr(value) + "` is not a valid int");
	}

	/** A stored value in this type's canonical spelling (a labeled demo's {@code true} reads {@code True}); text that is not of the type stays as it is. */
	public String canonical(String value) {
		if (kind == Kind.STR || value == null) {
			return value;
		}
		try {
			return parse(value);
		}
		catch (IllegalArgumentException notOfType) {
			return value;
		}
	}

	/** The JSON value a stored value is written as: numbers and booleans typed, everything else a string. */
	public Object toJson(String value) {
		if (value == null) {
			return null;
		}
		try {
			return switch (kind) {
				case INT -> new BigInteger(parse(value));
				case FLOAT -> Double.parseDouble(parse(value));
				case BOOL -> parse(value).equals("True");
				case STR, LITERAL -> value;
			};
		}
		catch (IllegalArgumentException notOfType) {
			return value;
		}
	}

}
