package io.mipro.optimizer.spi;

/** Which of a job's models a call goes to. */
public enum ModelRole {

	/** Proposes instructions and summarizes data. */
	PROMPT,
	/** Runs the program being optimized. */
	TASK,
	/** Scores predictions for an LLM-judged metric ({@code llm_judge}, {@code semantic_f1}). */
	JUDGE

}
