# demo: a WDM driver for QEMU's edu PCI device, hosted by wdmshim: its
# stack built by AddDevice, the resources IRP_MN_START_DEVICE brings, the
# device computing factorials and moving data by DMA, and the unload.
. /opt/lib.sh
guid=4f6c0a2e-9b1d-4c7e-a3f5-1d2e3c4b5a69
dmesg -n 1	# kernel messages only through dmesg below, not twice
say() {
	echo
	echo "=== $*"
}
show_log() {
	kmsg_since "$1" | sed -e 's/^\[[ 0-9.]*\] /  /' -e '/wdmshim-mark/d'
}

say "insmod wdmshim.ko: the NT kernel API for hosted drivers"
insmod /opt/wdmshim.ko || exit 1
echo "  $(grep -c '__crc_.*\[wdmshim\]' /proc/kallsyms) routines exported (namespace WDMSHIM), e.g.:"
grep '\[wdmshim\]' /proc/kallsyms |
	awk '$3 ~ /^__crc_(IoStartPacket|IoConnectInterruptEx|IoGetDmaAdapter|IoRegisterDeviceInterface|KeInsertQueueDpc|ExAllocatePool2)$/ { sub("__crc_", "", $3); print $3 }' |
	sort | paste -sd ' ' | sed 's/^/  /'

kmsg_mark demo-load
say "insmod wdmedufilter.ko wdmedu.ko: PCI probe -> AddDevice (filter named by edu.inf) -> IRP_MN_START_DEVICE"
insmod /opt/wdmedufilter.ko || exit 1
insmod /opt/wdmedu.ko || exit 1
show_log demo-load
dev=$(ls /dev/wdm/$guid/ | head -n 1)
echo "  the device interface: /dev/wdm/$guid/$dev"
echo "  the StartIo thread:  $(ps | grep '\[wdm/' | grep -v grep | sed 's/.*\[/[/')"

say "the device at work (wdmtest edu-demo): StartIo -> device -> ISR -> DPC -> completion"
/opt/wdmtest edu-demo | sed -n 's/^# /  /p'

kmsg_mark demo-unload
say "rmmod wdmedu wdmedufilter: IRP_MN_QUERY_REMOVE_DEVICE, IRP_MN_REMOVE_DEVICE, DriverUnload"
rmmod wdmedu || exit 1
rmmod wdmedufilter || exit 1
show_log demo-unload
echo "  pool left by the drivers (debugfs wdmshim/pool):"
sed 's/^/  /' /sys/kernel/debug/wdmshim/pool
rmmod wdmshim || exit 1
echo
exit 0
