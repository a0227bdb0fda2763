package faust.cli.internal;

/**
 * What {@code -A} names: a module, file or class, and optionally the static field holding the app
 * ({@code -A proj:myapp}).
 *
 * @param target {@code proj}, {@code apps/proj.java} or {@code com.example.Proj}
 * @param field the field name, or null to find the App field
 * @param text the text as given, for messages
 */
record AppSpec(String target, String field, String text) {
    /**
     * @param text the {@code -A} value
     * @return the parsed spec
     */
    static AppSpec parse(String text) {
        String t = text.trim();
        int colon = t.lastIndexOf(':');
        if (colon > 0 && isIdentifier(t.substring(colon + 1))) {
            return new AppSpec(t.substring(0, colon), t.substring(colon + 1), text);
        }
        return new AppSpec(t, null, text);
    }

    /** @return whether the target is a path to a source file rather than a module or class name */
    boolean isPath() {
        return target.endsWith(".java") || target.indexOf('/') >= 0
                || target.indexOf(java.io.File.separatorChar) >= 0;
    }

    /**
     * {@code -A proj.app} in Python means module {@code proj}, attribute {@code app}: the same split here.
     *
     * @return the spec with the last dotted part taken as the field, or null when that does not apply
     */
    AppSpec splitLastSegment() {
        int dot = target.lastIndexOf('.');
        if (field != null || dot <= 0 || !isIdentifier(target.substring(dot + 1)) || isPath()) {
            return null;
        }
        return new AppSpec(target.substring(0, dot), target.substring(dot + 1), text);
    }

    static boolean isIdentifier(String s) {
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!Character.isJavaIdentifierPart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
