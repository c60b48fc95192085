package org.atoll.shared;

import java.util.List;

/**
 * One page of a longer list.
 *
 * @param page the page number, from 0
 * @param size the most items a page holds
 * @param total how many items all pages hold together
 */
public record PageOf<T>(List<T> items, int page, int size, long total) {}
