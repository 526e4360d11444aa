package io.mipro.optimizer.util;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * How Python writes values, where prompts and parsed answers must read as DSPy's do: {@code repr} of floats
 * ({@code 1e-05}, {@code 0.5}, {@code 100.0}) and strings, and {@code str} of JSON values ({@code True}, {@code None},
 * {@code ['a', 1]}).
 */
public final class PythonValues {

	private PythonValues() {
	}

	/**
	 * Python's {@code repr(float)}: the shortest digits that read back as the same double, in fixed notation when the
	 * decimal exponent is in [-4, 16), else in scientific notation with a signed exponent of at least two digits.
	 */
	public static String repr(double value) {
		if (Double.isNaN(value)) {
			return "nan";
		}
		if (Double.isInfinite(value)) {
			return value > 0 ? "inf" : "-inf";
		}
		if (value == 0) {
			return (1 / value < 0) ? "-0.0" : "0.0";
		}
		String sign = value < 0 ? "-" : "";
		BigDecimal shortest = shortest(Math.abs(value));
		String digits = shortest.unscaledValue().toString();
		// value = 0.d1d2...dn x 10^decpt
		int decpt = digits.length() - shortest.scale();
		if (decpt <= -4 || decpt > 16) {
			String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
			int exponent = decpt - 1;
			String exp = String.format("%02d", Math.abs(exponent));
			return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
		}
		if (decpt <= 0) {
			return sign + "0." + "0".repeat(-decpt) + digits;
		}
		if (decpt >= digits.length()) {
			return sign + digits + "0".repeat(decpt - digits.length()) + ".0";
		}
		return sign + digits.substring(0, decpt) + "." + digits.substring(decpt);
	}

	/**
	 * The fewest significant digits that round-trip (Java 17's {@code Double.toString} does not always give the
	 * shortest), trailing zeros removed.
	 */
	private static BigDecimal shortest(double value) {
		BigDecimal exact = new BigDecimal(value);
		for (int precision = 1; precision <= 17; precision++) {
			BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
			if (rounded.doubleValue() == value) {
				return rounded.stripTrailingZeros();
			}
		}
		return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
	}

	/** Python's {@code repr} of a string: single quotes unless the text contains one and no double quote. */
	public static String repr(String text) {
		char quote = text.contains("'") && !text.contains("\"") ? '"' : '\'';
		StringBuilder out = new StringBuilder().append(quote);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c == quote) {
						out.append('\\');
					}
					out.append(c);
				}
			}
		}
		return out.append(quote).toString();
	}

	/** Python's {@code str()} of a value read from JSON (see {@link Json}): text as is, everything else as repr. */
	public static String str(Object value) {
		return value instanceof String text ? text : repr(value);
	}

	/** Python's {@code repr()} of a value read from JSON. */
	public static String repr(Object value) {
		if (value == null) {
			return "None";
		}
		if (value instanceof String text) {
			return repr(text);
		}
		if (value instanceof Boolean bool) {
			return bool ? "True" : "False";
		}
		if (value instanceof Double number) {
			return repr(number.doubleValue());
		}
		if (value instanceof List<?> list) {
			StringBuilder out = new StringBuilder("[");
			for (int i = 0; i < list.size(); i++) {
				out.append(i == 0 ? "" : ", ").append(repr(list.get(i)));
			}
			return out.append(']').toString();
		}
		if (value instanceof Map<?, ?> map) {
			StringBuilder out = new StringBuilder("{");
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				out.append(first ? "" : ", ").append(repr(entry.getKey())).append(": ").append(repr(entry.getValue()));
				first = false;
			}
			return out.append('}').toString();
		}
		return value.toString();
	}

}
