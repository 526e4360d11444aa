package io.mipro.dataset.internal;

import org.springframework.boot.test.context.SpringBootTest;

/** The dataset store on the embedded default database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class H2DatasetStoreTests extends DatasetStoreContract {

}
