package org.tinyformer;

import java.lang.reflect.Method;

/**
 * Stands in for the CLI in {@link LauncherTest}: alternates lines on stdout and stderr, then says
 * whether the launcher enabled native access (JDK 22+; JLine's terminal library needs it).
 */
public final class LauncherProbe {
  private LauncherProbe() {}

  public static void main(String[] args) throws ReflectiveOperationException {
    for (int i = 1; i <= 40; i++) {
      System.out.println("out " + i);
      System.err.println("err " + i);
    }
    System.out.println("native access: " + nativeAccess());
  }

  private static String nativeAccess() throws ReflectiveOperationException {
    Method enabled;
    try {
      enabled = Module.class.getMethod("isNativeAccessEnabled");
    } catch (NoSuchMethodException e) {
      return "not applicable"; // before JDK 22 native access needs no flag
    }
    Module unnamed = LauncherProbe.class.getModule();
    return (Boolean) enabled.invoke(unnamed) ? "enabled" : "disabled";
  }
}
