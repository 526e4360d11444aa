/**
 * The MIPROv2 optimizer core: plain Java, no Spring, JPA or Jackson (guarded by {@code ArchitectureTests}).
 * Subpackages: {@code program} (signatures, examples, demos, the ChatAdapter format), {@code eval} (metrics,
 * evaluator), {@code bootstrap} (demo sets), {@code propose} (grounded proposer), {@code search} (TPE, trials) and
 * {@code spi} (the ports the service implements: language model, checkpoint store, listener).
 */
package io.mipro.optimizer;
