package io.mipro.program.internal;

import org.springframework.boot.test.context.SpringBootTest;

/** The program registry and evaluation runs on the embedded default database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "mipro.jobs.runner-enabled=false")
class H2ProgramStoreTests extends ProgramStoreContract {

}
