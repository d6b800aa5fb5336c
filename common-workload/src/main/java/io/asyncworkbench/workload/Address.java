package io.asyncworkbench.workload;

/** The blog's {@code Address} struct, serialised by the workload as {@code {"street":...,"city":...}}. */
public record Address(String street, String city) {
}
