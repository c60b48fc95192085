package org.atoll.sync;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The options a device syncs a collection with. They are kept with the collection's state: a request that leaves
 * one out (a partial or empty Sync request, MS-ASCMD 2.2.3.131) keeps the value sent before.
 *
 * @param windowSize the most changes in one response, MS-ASCMD 2.2.3.199 (1 to 512)
 * @param mimeSupport MS-ASCMD 2.2.3.105 (0 never MIME, 1 for S/MIME only, 2 always)
 */
public record SyncOptions(
        FilterType filter,
        ConflictPolicy conflict,
        boolean deletesAsMoves,
        int windowSize,
        int mimeSupport,
        List<BodyPreference> bodyPreferences) {

    public static final int DEFAULT_WINDOW = 100;
    public static final int MAX_WINDOW = 512;

    public static final SyncOptions DEFAULT =
            new SyncOptions(FilterType.ALL, ConflictPolicy.SERVER_WINS, true, DEFAULT_WINDOW, 0, List.of());

    public SyncOptions {
        if (windowSize < 1 || windowSize > MAX_WINDOW || mimeSupport < 0 || mimeSupport > 2) {
            throw new IllegalArgumentException("WindowSize " + windowSize + " or MIMESupport " + mimeSupport);
        }
        bodyPreferences = List.copyOf(bodyPreferences);
    }

    /** These options with what a request sent in place of what it left out. */
    public SyncOptions with(Update update) {
        return new SyncOptions(
                update.filter() == null ? filter : update.filter(),
                update.conflict() == null ? conflict : update.conflict(),
                update.deletesAsMoves() == null ? deletesAsMoves : update.deletesAsMoves(),
                update.windowSize() == null ? windowSize : update.windowSize(),
                update.mimeSupport() == null ? mimeSupport : update.mimeSupport(),
                update.bodyPreferences() == null ? bodyPreferences : update.bodyPreferences());
    }

    /** What one request says about the options; null where it says nothing. */
    public record Update(
            @Nullable FilterType filter,
            @Nullable ConflictPolicy conflict,
            @Nullable Boolean deletesAsMoves,
            @Nullable Integer windowSize,
            @Nullable Integer mimeSupport,
            @Nullable List<BodyPreference> bodyPreferences) {

        public static final Update NONE = new Update(null, null, null, null, null, null);
    }
}
