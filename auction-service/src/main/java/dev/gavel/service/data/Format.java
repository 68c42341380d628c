package dev.gavel.service.data;

import dev.gavel.bidding.json.WireJson;
import dev.gavel.db.data.DataPage;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * How a page is written: JSON ({@code {"data": [...], "nextCursor": …}}), or CSV (RFC 4180: a header row, then
 * one row per record, empty for null) when {@code format=csv} or the request accepts {@code text/csv}.
 */
enum Format {
    JSON,
    CSV;

    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    static Format of(ServerRequest request) {
        String format = request.queryParam("format").orElse(null);
        if (format == null) {
            boolean wantsCsv = request.headers().accept().stream()
                    .anyMatch(type ->
                            type.getType().equals("text") && type.getSubtype().equals("csv"));
            return wantsCsv ? CSV : JSON;
        }
        return switch (format) {
            case "json" -> JSON;
            case "csv" -> CSV;
            default -> throw new DataRefusal(DataError.UNSUPPORTED_FORMAT, "format must be json or csv");
        };
    }

    Mono<ServerResponse> write(DataPage page) {
        ServerResponse.BodyBuilder response = ServerResponse.ok();
        if (page.nextCursor().isPresent()) {
            response = response.header(
                    DataApi.NEXT_CURSOR_HEADER, page.nextCursor().get());
        }
        return switch (this) {
            case JSON -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("data", page.rows());
                body.put("nextCursor", page.nextCursor().orElse(null));
                yield response.contentType(MediaType.APPLICATION_JSON).bodyValue(WireJson.write(body));
            }
            case CSV -> response.contentType(TEXT_CSV).bodyValue(csv(page).getBytes(StandardCharsets.UTF_8));
        };
    }

    static String csv(DataPage page) {
        StringBuilder out = new StringBuilder();
        line(out, page.columns());
        for (Map<String, Object> row : page.rows()) {
            line(out, page.columns().stream().map(row::get).toList());
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(values.get(i)));
        }
        out.append("\r\n");
    }

    private static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        boolean quote =
                text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
