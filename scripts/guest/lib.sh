# scripts/guest/lib.sh - helpers sourced by the guest tests.

# fail MESSAGE - print why the test failed and stop it.
fail() {
	echo "wdmshim-test: error: $*"
	exit 1
}

# kmsg_mark NAME - put a marker in the kernel log; kmsg_since NAME prints
# what the kernel logged after it.
kmsg_mark() {
	echo "wdmshim-mark: $1" > /dev/kmsg
}

kmsg_since() {
	dmesg | sed -n "/wdmshim-mark: $1\$/,\$p" | sed 1d
}

# kmemleak_check - scan for leaks now and fail on any suspect; a no-op
# on kernels without kmemleak.
kmemleak_check() {
	k=/sys/kernel/debug/kmemleak
	[ -e $k ] || return 0
	sleep 6		# kmemleak ignores objects younger than 5 s
	echo scan > $k
	echo scan > $k
	if [ -n "$(cat $k)" ]; then
		cat $k
		fail "kmemleak reports leaks"
	fi
}
