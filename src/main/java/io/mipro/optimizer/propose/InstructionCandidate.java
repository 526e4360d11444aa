package io.mipro.optimizer.propose;

/**
 * One instruction a predictor can take: index 0 is the original instruction, the others were proposed in some round
 * with a tip, a temperature and a rollout id, grounded on a demo set.
 */
public record InstructionCandidate(int predictor, int index, String text, int round, String tip, Double temperature,
		Long rolloutId, Integer demoSet) {

	public static InstructionCandidate original(int predictor, String text) {
		return new InstructionCandidate(predictor, 0, text, 0, null, null, null, null);
	}

	public boolean isOriginal() {
		return tip == null && index == 0;
	}

}
