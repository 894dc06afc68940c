/// Statistical disclosure control: primary and secondary cell suppression and the attacker's audit.
public enum QuartierDisclosureModule {}
