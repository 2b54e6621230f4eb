/**
 * The scanner's only socket code. A {@link io.lifeboat.scan.net.Connector} per target: every job is one
 * call and one TCP connection (write a hello, feed the answer to a {@code ServerFlight} until the
 * probe has what it needs, close with an RST), under a semaphore that caps concurrent connections to
 * the target and a deadline per connection. Failures are classified into the closed
 * {@link io.lifeboat.scan.net.FailureReason} vocabulary; a refusal before any byte is told apart from
 * a connection cut in the middle of an answer.
 */
package io.lifeboat.scan.net;
