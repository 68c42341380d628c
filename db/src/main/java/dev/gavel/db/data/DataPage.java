package dev.gavel.db.data;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page of a data API table: its columns in order, its rows (column to a JSON-ready value: a number, a string,
 * a boolean or null), and the cursor of the next page when there may be one.
 */
public record DataPage(List<String> columns, List<Map<String, Object>> rows, Optional<String> nextCursor) {
    public DataPage {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
