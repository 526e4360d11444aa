package io.mipro.optimizer;

/** Where a run is. */
public enum Phase {

	BOOTSTRAPPING, PROPOSING, SEARCHING, FINALIZING, DONE

}
