package org.atoll.dashboard;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.atoll.device.AccessState;
import org.atoll.device.DeviceSort;
import org.atoll.device.WipeState;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The device table's search, filters, order and page, all in the URL, so a reload or a shared link shows the same
 * rows. Values the table does not know are dropped, never refused.
 *
 * @param idleDays devices that have not synced for at least this many days
 */
record DeviceListQuery(
        String q,
        @Nullable AccessState access,
        @Nullable WipeState wipe,
        String type,
        String model,
        String os,
        String version,
        String account,
        @Nullable Integer idleDays,
        String sort,
        boolean descending,
        int page) {

    static final Map<String, DeviceSort> SORTS = Map.of(
            "firstSync", DeviceSort.FIRST_SYNC,
            "lastSync", DeviceSort.LAST_SYNC,
            "type", DeviceSort.DEVICE_TYPE,
            "model", DeviceSort.MODEL,
            "account", DeviceSort.ACCOUNT);

    static DeviceListQuery of(Map<String, String> params) {
        String sort = text(params, "sort");
        return new DeviceListQuery(
                text(params, "q"),
                parse(AccessState.class, text(params, "access")),
                parse(WipeState.class, text(params, "wipe")),
                text(params, "type"),
                text(params, "model"),
                text(params, "os"),
                text(params, "version"),
                text(params, "account"),
                number(text(params, "idle"), 1, 3650),
                SORTS.containsKey(sort) ? sort : "lastSync",
                SORTS.containsKey(sort) ? "desc".equals(text(params, "order")) : true,
                page(text(params, "page")));
    }

    DeviceSort deviceSort() {
        return SORTS.get(sort);
    }

    public boolean filtered() {
        return !q.isEmpty()
                || access != null
                || wipe != null
                || !type.isEmpty()
                || !model.isEmpty()
                || !os.isEmpty()
                || !version.isEmpty()
                || !account.isEmpty()
                || idleDays != null;
    }

    /** The link that orders by the column: ascending first, and the other way round when it already does. */
    public String sortUrl(String column) {
        boolean flip = column.equals(sort) && !descending;
        return url(column, flip, 0);
    }

    /** ▲ or ▼ beside the column the table is ordered by. */
    public String sortMark(String column) {
        return column.equals(sort) ? (descending ? " ▼" : " ▲") : "";
    }

    /** {@code ascending}, {@code descending} or {@code none}, for aria-sort. */
    public String ariaSort(String column) {
        return column.equals(sort) ? (descending ? "descending" : "ascending") : "none";
    }

    public String pageUrl(int number) {
        return url(sort, descending, number);
    }

    private String url(String sortBy, boolean desc, int pageNumber) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("q", q);
        params.put("access", access == null ? "" : access.name().toLowerCase(Locale.ROOT));
        params.put("wipe", wipe == null ? "" : wipe.name().toLowerCase(Locale.ROOT));
        params.put("type", type);
        params.put("model", model);
        params.put("os", os);
        params.put("version", version);
        params.put("account", account);
        params.put("idle", idleDays == null ? "" : idleDays.toString());
        params.put("sort", sortBy);
        params.put("order", desc ? "desc" : "asc");
        params.put("page", pageNumber == 0 ? "" : Integer.toString(pageNumber));
        var builder = UriComponentsBuilder.fromPath("/devices");
        params.forEach((name, value) -> {
            if (!value.isEmpty()) {
                builder.queryParam(name, value);
            }
        });
        return builder.encode().build().toUriString();
    }

    public String accessParam() {
        return access == null ? "" : access.name().toLowerCase(Locale.ROOT);
    }

    public String wipeParam() {
        return wipe == null ? "" : wipe.name().toLowerCase(Locale.ROOT);
    }

    private static String text(Map<String, String> params, String name) {
        String value = params.get(name);
        return value == null ? "" : value.strip();
    }

    private static <E extends Enum<E>> @Nullable E parse(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        return null;
    }

    private static @Nullable Integer number(String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            return n < min || n > max ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int page(String value) {
        Integer n = number(value, 0, 100_000);
        return n == null ? 0 : n;
    }
}
