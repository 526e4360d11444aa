package io.mipro.optimizer.spi;

/** Which of a job's two models a call goes to. */
public enum ModelRole {

	/** Proposes instructions and summarizes data. */
	PROMPT,
	/** Runs the program being optimized. */
	TASK

}
