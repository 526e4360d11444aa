package io.mipro.optimizer.propose;

/**
 * What the proposer knows about one predictor's place in the program, computed once per predictor (the reference
 * recomputes the two descriptions for every proposal): pseudo-code of the program, its description, the module
 * descriptor and the module's description. Null descriptions fall back to the reference's placeholders.
 */
public record ProgramContext(String programCode, String programDescription, String module,
		String moduleDescription) {

}
