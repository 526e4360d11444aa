package io.mipro.archfixture.optimizer;

import org.springframework.stereotype.Component;

/** A deliberate violation, used only to prove that the architecture rule catches one. */
@Component
public class SpringLeak {

	public String leak(jakarta.persistence.EntityManager entities) {
		return entities.toString();
	}

}
