package io.lifeboat.repository;

import io.lifeboat.repository.RepositoryFiles.PointFile;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Finds a point of a {@link Repository} by {@code "latest"}, its id or an unambiguous prefix, and reads
 * its manifest back from its point file and chunks. The repository's methods of the same roles
 * ({@link Repository#point}, {@link Repository#readManifest}, {@link Repository#manifestSummary},
 * {@link Repository#manifest}) are the contract.
 */
final class PointLookup {
    private final Repository repo;

    PointLookup(Repository repo) {
        this.repo = repo;
    }

    PointInfo find(String machine, String idOrLatest) {
        List<PointInfo> list = repo.points(Optional.of(machine));
        if (list.isEmpty()) {
            throw new NotFoundException("machine " + machine + " has no recovery points in " + repo.backend.location());
        }
        if (idOrLatest == null || idOrLatest.equals("latest")) {
            return list.get(list.size() - 1);
        }
        List<PointInfo> matches = list.stream().filter(p -> p.id().startsWith(idOrLatest)).toList();
        for (PointInfo p : matches) {
            if (p.id().equals(idOrLatest)) {
                return p;
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.size() > 1) {
            throw new NotFoundException("machine " + machine + " has several points starting with " + idOrLatest
                    + "; give more of the id (see `lifeboat points --machine " + machine + "`)");
        }
        throw new NotFoundException("machine " + machine + " has no point " + idOrLatest
                + " (see `lifeboat points --machine " + machine + "`)");
    }

    ManifestHeader read(String machine, String pointId, ManifestVisitor visitor) {
        PointInfo info = find(machine, pointId);
        try {
            PointFile p = repo.manifests.pointFile(machine, info.id());
            repo.manifests.visit(machine, p, visitor);
            return p.header();
        } catch (IOException e) {
            throw Repository.storage("read the manifest of point " + info.id() + " of machine " + machine, e);
        }
    }

    ManifestSummary summary(String machine, String pointId) {
        PointInfo info = find(machine, pointId);
        try {
            return repo.manifests.pointFile(machine, info.id()).summary();
        } catch (IOException e) {
            throw Repository.storage("read point " + info.id() + " of machine " + machine, e);
        }
    }

    Manifest manifest(String machine, String pointId) {
        PointInfo info = find(machine, pointId);
        PointFile p;
        try {
            p = repo.manifests.pointFile(machine, info.id());
        } catch (IOException e) {
            throw Repository.storage("read point " + info.id() + " of machine " + machine, e);
        }
        if (p.header().kind() == SourceKind.DIRECTORY || p.summary().entries() != 1) {
            ManifestAssembler whole = new ManifestAssembler();
            return whole.manifest(read(machine, info.id(), whole));
        }
        return repo.manifests.lazy(machine, p);
    }
}
