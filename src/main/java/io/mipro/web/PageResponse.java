package io.mipro.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.data.domain.Page;

/** One page of a list; a stable JSON shape, unlike Spring Data's {@code Page}. */
@Schema(description = "One page of results")
public record PageResponse<T>(@Schema(description = "The items on this page") List<T> content,
		@Schema(description = "0-based page number", example = "0") int page,
		@Schema(description = "Requested page size", example = "20") int size,
		@Schema(description = "Items in all pages", example = "1") long totalElements,
		@Schema(description = "Number of pages", example = "1") int totalPages) {

	public static <T> PageResponse<T> of(Page<T> page) {
		return new PageResponse<>(page.getContent(), page.getNumber(), page.getSize(), page.getTotalElements(),
				page.getTotalPages());
	}

}
