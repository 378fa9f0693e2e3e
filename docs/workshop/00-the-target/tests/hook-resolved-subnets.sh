# Lab 0: the resolved target has one subnet per tier and zone (3 tiers x 3 AZs), each with its route.
set -Eeuo pipefail
before() { :; }
after() {
  test "$(grep -c . "$TEST_OUTPUT_FILE")" -eq 9 || { echo "expected 9 subnets"; exit 1; }
  grep -q '^private/eu-west-1a .* nat-gateway$' "$TEST_OUTPUT_FILE" || { echo "private subnets route to a NAT gateway"; exit 1; }
}
"$@"
