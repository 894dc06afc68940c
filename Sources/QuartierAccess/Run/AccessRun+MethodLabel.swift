extension AccessRun.Method {
    /// A short label naming the method and its source, with the decay (`steps` makes 2SFCA the enhanced
    /// 2SFCA of Luo & Qi 2009).
    public func label(decay: DistanceDecay) -> String {
        switch self {
        case .twoStep:
            switch decay {
            case .none: "2SFCA (Luo & Wang 2003)"
            case .steps: "E2SFCA (Luo & Qi 2009), \(decay)"
            default: "kernel 2SFCA, \(decay)"
            }
        case .threeStep: "3SFCA (Wan et al. 2012)\(decay == .none ? "" : ", \(decay)")"
        case .balanced: "BFCA (Paez et al. 2019)\(decay == .none ? "" : ", \(decay)")"
        case .spatialAvailability: "spatial availability (Soukhov et al. 2023)\(decay == .none ? "" : ", \(decay)")"
        }
    }
}
