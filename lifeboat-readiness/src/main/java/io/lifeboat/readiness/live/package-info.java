/**
 * Reading the live registry on Windows: {@code reg export} of each key the rules read, in the
 * 64-bit view and under WOW6432Node, each file through the same .reg reader as user files. The
 * {@link io.lifeboat.readiness.live.CommandRunner} seam lets the flow be tested on Linux with
 * recorded exports. Not given: reading keys reg.exe cannot export (permissions), or any write.
 */
package io.lifeboat.readiness.live;
