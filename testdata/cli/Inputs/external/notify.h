/* A routine of another driver, which this filter calls when it unloads. */
NTSTATUS PartnerDriverNotifyUnload(PVOID Context);
