package io.mipro;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point: MIPROv2 prompt optimization as persisted, observable, resumable jobs. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MiproServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(MiproServiceApplication.class, args);
	}

}
