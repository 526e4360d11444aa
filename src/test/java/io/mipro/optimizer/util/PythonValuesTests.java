package io.mipro.optimizer.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PythonValuesTests {

	/** Expected values are what CPython 3.11 prints for repr(x). */
	@Test
	void floatsReadAsPythonWritesThem() {
		assertThat(PythonValues.repr(1e-5)).isEqualTo("1e-05");
		assertThat(PythonValues.repr(0.5)).isEqualTo("0.5");
		assertThat(PythonValues.repr(100.0)).isEqualTo("100.0");
		assertThat(PythonValues.repr(0.0001)).isEqualTo("0.0001");
		assertThat(PythonValues.repr(1e16)).isEqualTo("1e+16");
		assertThat(PythonValues.repr(1e15)).isEqualTo("1000000000000000.0");
		assertThat(PythonValues.repr(1234567890123456789.0)).isEqualTo("1.2345678901234568e+18");
		assertThat(PythonValues.repr(0.1 + 0.2)).isEqualTo("0.30000000000000004");
		assertThat(PythonValues.repr(-2.5e-7)).isEqualTo("-2.5e-07");
		assertThat(PythonValues.repr(1.5e300)).isEqualTo("1.5e+300");
		assertThat(PythonValues.repr(2e-3)).isEqualTo("0.002");
		assertThat(PythonValues.repr(-0.0)).isEqualTo("-0.0");
		assertThat(PythonValues.repr(5e-324)).isEqualTo("5e-324");
		assertThat(PythonValues.repr(1.7976931348623157e308)).isEqualTo("1.7976931348623157e+308");
	}

	@Test
	void strOfJsonValuesIsPythons() {
		assertThat(PythonValues.str("Paris")).isEqualTo("Paris");
		assertThat(PythonValues.str(true)).isEqualTo("True");
		assertThat(PythonValues.str(null)).isEqualTo("None");
		assertThat(PythonValues.str(5L)).isEqualTo("5");
		assertThat(PythonValues.str(0.5)).isEqualTo("0.5");
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("a", List.of(1L, "it's"));
		map.put("b", false);
		assertThat(PythonValues.str(map)).isEqualTo("{'a': [1, \"it's\"], 'b': False}");
		assertThat(PythonValues.repr("a'b\"c")).isEqualTo("'a\\'b\"c'");
	}

}
