package io.mipro.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Says what is wrong with a request parameter in the terms its user sees: the parameter's name in the URL, the value
 * given and the range the API accepts (read from the parameter's own constraints, so the message cannot drift from
 * the rule).
 */
final class ParameterMessages {

	private ParameterMessages() {
	}

	static String name(MethodParameter parameter) {
		RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
		if (param != null && !param.name().isEmpty()) {
			return param.name();
		}
		if (param != null && !param.value().isEmpty()) {
			return param.value();
		}
		PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
		if (path != null && !path.name().isEmpty()) {
			return path.name();
		}
		String name = parameter.getParameterName();
		return name == null ? "parameter " + parameter.getParameterIndex() : name;
	}

	static String describe(MethodParameter parameter, Object value) {
		Min min = parameter.getParameterAnnotation(Min.class);
		Max max = parameter.getParameterAnnotation(Max.class);
		String rule;
		if (min != null && max != null) {
			rule = "must be between " + min.value() + " and " + max.value();
		}
		else if (min != null) {
			rule = "must be at least " + min.value();
		}
		else if (max != null) {
			rule = "must be at most " + max.value();
		}
		else {
			rule = "is invalid";
		}
		return "`" + name(parameter) + "` " + rule + "; got " + value + ".";
	}

}
