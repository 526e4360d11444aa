package io.mipro.dataset;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what an upload may contain ({@code mipro.datasets.*}). They bound the memory and the transaction one
 * upload can take; every refusal names the limit it hit.
 *
 * @param maxUploadSize bytes of one upload (file or JSON body); also the multipart limit
 * @param maxExamples examples in one dataset
 * @param maxValueLength characters in one field value
 * @param maxFields fields per example
 * @param refuseCsvFormulas refuse CSV cells a spreadsheet would run as a formula (=, @, or + and - before a
 * non-number), since CSV files travel through spreadsheets
 */
@ConfigurationProperties("mipro.datasets")
public record DatasetLimits(@DefaultValue("10MB") DataSize maxUploadSize, @DefaultValue("100000") int maxExamples,
		@DefaultValue("100000") int maxValueLength, @DefaultValue("100") int maxFields,
		@DefaultValue("true") boolean refuseCsvFormulas) {

	public DatasetLimits {
		if (maxUploadSize.toBytes() <= 0 || maxExamples <= 0 || maxValueLength <= 0 || maxFields <= 0) {
			throw new IllegalArgumentException("mipro.datasets limits must be positive");
		}
	}

	public static DatasetLimits defaults() {
		return new DatasetLimits(DataSize.ofMegabytes(10), 100_000, 100_000, 100, true);
	}

}
