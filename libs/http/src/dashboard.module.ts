import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { ServerResponse } from 'node:http';

/** Options of {@link DashboardModule.forRoot}. */
export interface DashboardModuleOptions {
  /** The built page: a folder holding `index.html` and Vite's `assets/` (`apps/dashboard/dist`). */
  readonly root: string;
}

/**
 * Serves the operations-centre page at `/` on the app's one HTTP port (api.md: "One HTTP port serves the API, the
 * live socket.io endpoint and the dashboard"). It lives in libs/http, not libs/realtime, because serving files is
 * HTTP plumbing that every app serving the page shares, while libs/realtime is live push only.
 *
 * Files only, with no catch-all: the page has one route, so an unknown path (an unknown `/api/...` above all) still
 * reaches Nest's 404 and is answered as problem details. Nest registers this after its controllers, so `/api`,
 * `/health` and `/metrics` always win; socket.io answers `/socket.io/` before Express sees it.
 */
@Module({})
export class DashboardModule {
  private static readonly logger = new Logger('Dashboard');

  /** The module serving `root`; without a built page, nothing, and a line in the log saying how to build it. */
  static forRoot(options: DashboardModuleOptions): DynamicModule {
    if (!existsSync(join(options.root, 'index.html'))) {
      DashboardModule.logger.log(`the dashboard is not built (no ${join(options.root, 'index.html')}): run npm run build`);
      return { module: DashboardModule };
    }
    return {
      module: DashboardModule,
      imports: [
        ServeStaticModule.forRoot({
          rootPath: options.root,
          renderPath: '/',
          serveStaticOptions: { index: 'index.html', setHeaders: cacheHeaders },
        }),
      ],
    };
  }
}

/** Vite names the files under `assets/` by their content hash: they never change; `index.html` always may. */
function cacheHeaders(response: ServerResponse, path: string): void {
  const hashed = path.includes(`${sep}assets${sep}`);
  response.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
}
